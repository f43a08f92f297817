/*
 * One header included by a file built with a layer's include path.  The
 * layer check builds it once for each header a layer may use (which must
 * compile) and once for each it may not (which must fail to be found).
 */
#include LAYER_HEADER

int	layer_include_check(void);

int
layer_include_check(void)
{
	return (0);
}
