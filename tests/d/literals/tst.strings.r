tab	here|
quote"inside"|
back\slash|
octAhexB|
|
a	b\c"d

exit: 0
