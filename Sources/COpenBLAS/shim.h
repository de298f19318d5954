#ifndef FLOWSCOPE_COPENBLAS_SHIM_H
#define FLOWSCOPE_COPENBLAS_SHIM_H

/* OpenBLAS's CBLAS (Debian's libopenblas-dev), for ode-bench only: the machine's dgemm peak and
   the per-shape comparison with the hand-written network kernels. The multiarch include folder
   holds this name whichever of OpenBLAS's threading variants is installed. */
#include <cblas-openblas.h>

#endif
