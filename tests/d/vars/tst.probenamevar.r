[BEGIN] [dtrace] [dscope]
[BEGIN] [dtrace]

exit: 0
