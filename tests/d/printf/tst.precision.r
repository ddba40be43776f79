[abc]
[   ab]
[0007]

exit: 0
