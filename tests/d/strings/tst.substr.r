[world] [hello] [world] [wo]
[ell] [] [he] []
[] [] []

exit: 0
