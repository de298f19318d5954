#ifndef FLOWSCOPE_CCRYPTO_SHIM_H
#define FLOWSCOPE_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 through its EVP digest interface (the gallery's staleness stamps). */
#include <openssl/evp.h>
#endif
