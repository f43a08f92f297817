/* Asking for credentials on the terminal, before the dashboard starts. */
#ifndef EVTOP_SIGNIN_H
#define EVTOP_SIGNIN_H

/*
 * Prints prompt on the controlling terminal and reads one line; with
 * echo 0 the typed characters are not shown (passwords), and the terminal
 * is put back even if a signal ends the program meanwhile.  Returns 0 with
 * a new string in *out, or -1 with a sentence in *cause.
 */
int	signin_prompt(const char *prompt, int echo, char **out, char **cause);
/* Overwrites and frees a secret. */
void	signin_forget(char *secret);

#endif
