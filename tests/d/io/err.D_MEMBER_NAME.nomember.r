dscope: failed to compile script err.D_MEMBER_NAME.nomember.d: [D_MEMBER_NAME] line 7: b_nosuch is not a member of bufinfo_t
    7 | 	trace(args[0]->b_nosuch);
      | 	      ^
exit: 1
