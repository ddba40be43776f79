[o world] [abc] []
[/b/c] [/c] [pe]
[] [trace]
1 0 0 1
0 1

exit: 0
