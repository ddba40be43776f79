dscope: failed to compile script err.D_PRAGMA_INVAL.nspec.d: [D_PRAGMA_INVAL] line 5: failed to set -x nspec: Invalid value for specified option
    5 | #pragma D option nspec=0
      | ^
exit: 1
