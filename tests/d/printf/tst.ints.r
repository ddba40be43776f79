123 -45 678
10 ff FF
deadbeef CAFE
100%

exit: 0
