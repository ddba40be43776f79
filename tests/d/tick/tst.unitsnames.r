[profile:::tick-100ms]
[profile:::tick-10hz]

exit: 0
