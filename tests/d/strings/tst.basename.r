[top] [/usr/bin]
[top] [.]
[top] [/]
[/]

exit: 0
