dscope: failed to compile script err.D_VAR_UNDEF.self.d: [D_VAR_UNDEF] line 7: self->x has not yet been declared or assigned
    7 | 	trace(self->x);
      | 	      ^
exit: 1
