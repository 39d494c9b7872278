/*
** kernel/jupyter/jup.h — the Jupyter front end's public interface: the two commands kernel/main.c
** dispatches to. Everything else in kernel/jupyter/ is internal (internal.h).
*/
#ifndef CT_JUPYTER_JUP_H
#define CT_JUPYTER_JUP_H

#ifdef __cplusplus
extern "C" {
#endif

/* `ctorch kernel -f CONNECTION_FILE`: serves the Jupyter messaging protocol 5.3 until shutdown.
   argv[0] is the command word. Returns the process exit status. */
int jup_kernel_main(int argc, char **argv);

/* `ctorch install [--user | --prefix P | --sys-prefix] [--name N]`: writes the kernelspec (kernel.json
   pointing at this executable, logos) into <data dir>/jupyter/kernels/ctorch. Returns the exit status. */
int jup_install_main(int argc, char **argv);

#ifdef __cplusplus
}
#endif
#endif /* CT_JUPYTER_JUP_H */
