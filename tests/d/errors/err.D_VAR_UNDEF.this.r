dscope: failed to compile script err.D_VAR_UNDEF.this.d: [D_VAR_UNDEF] line 7: this->x has not yet been declared or assigned
    7 | 	trace(this->x);
      | 	      ^
exit: 1
