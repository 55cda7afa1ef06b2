/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "crypto-types.h"

#include "ns3/abort.h"

#include <algorithm>
#include <sodium.h>

namespace ns3
{

void
EnsureSodium()
{
    static const bool ready = (sodium_init() >= 0);
    NS_ABORT_MSG_UNLESS(ready, "libsodium failed to initialise");
}

Ed25519KeyPair
Ed25519KeyPair::FromSeed(const std::array<uint8_t, 32>& seed)
{
    EnsureSodium();
    Ed25519KeyPair pair;
    crypto_sign_seed_keypair(pair.publicKey.data(), pair.secretKey.data(), seed.data());
    return pair;
}

bool
Ed25519KeyPair::IsSet() const
{
    return std::any_of(publicKey.begin(), publicKey.end(), [](uint8_t b) { return b != 0; });
}

bool
Ed25519KeyPair::operator==(const Ed25519KeyPair& other) const
{
    return publicKey == other.publicKey && secretKey == other.secretKey;
}

bool
Ed25519KeyPair::operator!=(const Ed25519KeyPair& other) const
{
    return !(*this == other);
}

} // namespace ns3
