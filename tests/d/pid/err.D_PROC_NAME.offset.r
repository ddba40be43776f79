dscope: failed to compile script err.D_PROC_NAME.offset.d: [D_PROC_NAME] line 7: 'middle' is an invalid probe name
    7 | pid$target:a.out:sign:middle
      | ^
exit: 1
