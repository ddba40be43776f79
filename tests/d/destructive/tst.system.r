before
hello world; echo injected 42
second
<it's><a b><plain>
after

exit: 0
