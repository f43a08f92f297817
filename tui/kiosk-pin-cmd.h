/*
 * `evtop kiosk-pin': sets the PIN that leaves the kiosk station.  Asks for
 * it twice on the terminal, without echo, or reads one line of standard
 * input when that is no terminal (a script, a test); then keeps its hash
 * as kiosk_pin in the config file, in the chosen profile's section or
 * else [defaults].
 */
#ifndef EVTOP_KIOSK_PIN_CMD_H
#define EVTOP_KIOSK_PIN_CMD_H

#include "config.h"

/*
 * Returns the exit code: 0 when the hash is written, 2 when the PIN is
 * refused (too short, the two differ, none given) and nothing is written,
 * 1 when it cannot be hashed or written.
 */
int	kiosk_pin_cmd_run(const struct config *);

#endif
