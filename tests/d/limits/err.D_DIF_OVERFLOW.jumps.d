/*
 * A BPF program longer than a jump reaches (32,767 instructions: 51
 * quantize() in two clauses of BEGIN) cannot be encoded: refused, naming
 * the clause that takes it past the limit (the second).
 * tst.jumpsunder.d has one statement less.
 */

BEGIN
{
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
}

BEGIN
{
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	@q = quantize(1);
	exit(0);
}
