sign(7) is positive
sign+c: rax 1 rdi 7, R_R0 is R_RAX: 1, R_PC is R_RIP: 1

  0                                                                 1
  entry                                                             1
  c                                                                 2
  return                                                            2
  6                                                                 3
  8                                                                 3
  a                                                                 3
  2                                                                 4
  4                                                                 4
exit: 0
