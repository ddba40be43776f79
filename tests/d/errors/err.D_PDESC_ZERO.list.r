dscope: failed to compile script err.D_PDESC_ZERO.list.d: [D_PDESC_ZERO] line 7: probe description :fake:oracle:probe does not match any probes
    7 | fake:oracle:probe
      | ^
exit: 1
