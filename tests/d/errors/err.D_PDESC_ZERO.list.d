/*
 * Proves: a clause listing BEGIN and a three-part description that matches
 * no probe is D_PDESC_ZERO, reported at the line of the bad description.
 */

BEGIN,
fake:oracle:probe
{
	exit(0);
}
