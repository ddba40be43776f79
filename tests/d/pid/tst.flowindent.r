dscope: script 'tst.flowindent.d' matched 4 probes
CPU FUNCTION                                 
  0  -> main                                  
  0    -> work                                
  0    <- work                                
  0    -> work                                
  0    <- work                                
  0    -> work                                
  0    <- work                                
  0  <- main                                  
dscope: pid PID has exited

exit: 0
