dscope: could not enable tracing: Destructive actions not allowed
exit: 1
