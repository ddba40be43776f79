ids 1 0
not speculative
speculated on 1
after the commit
dscope: 1 failed speculation (no speculative buffer available)

exit: 0
