#ifndef FLOWSCOPE_CLAPACK_SHIM_H
#define FLOWSCOPE_CLAPACK_SHIM_H
#include <stddef.h>

/* LAPACK's general real eigensolver (reference LAPACK or OpenBLAS, Fortran calling convention:
   every argument by pointer, column-major matrices, the lengths of the two character arguments
   passed last as hidden size_t values, as gfortran does). */
void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info, size_t jobvl_len, size_t jobvr_len);

/* LAPACK's symmetric real eigensolver: eigenvalues ascending in w, eigenvectors (jobz 'V') in the
   columns of a on return. */
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
            double *work, const int *lwork, int *info, size_t jobz_len, size_t uplo_len);

#endif
