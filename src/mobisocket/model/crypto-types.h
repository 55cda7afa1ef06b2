/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CRYPTO_TYPES_H
#define CRYPTO_TYPES_H

#include <array>
#include <cstdint>

namespace ns3
{

/// An Ed25519 public key (32 bytes).
using Ed25519PublicKey = std::array<uint8_t, 32>;
/// An Ed25519 detached signature (64 bytes).
using Ed25519Signature = std::array<uint8_t, 64>;
/// An X25519 public key share (32 bytes).
using X25519PublicKey = std::array<uint8_t, 32>;
/// A 256-bit symmetric key (a shared secret, an HMAC key).
using SymmetricKey = std::array<uint8_t, 32>;
/// An HMAC-SHA256 tag (32 bytes).
using MacTag = std::array<uint8_t, 32>;

/**
 * \ingroup mobisocket
 * \brief An X25519 key share: a secret scalar and its public point.
 */
struct X25519KeyPair
{
    X25519PublicKey publicKey{}; //!< public share
    SymmetricKey secretKey{};    //!< secret scalar
};

/**
 * \ingroup mobisocket
 * \brief An Ed25519 key pair (libsodium format: the secret key holds the seed
 *        followed by the public key).
 */
struct Ed25519KeyPair
{
    Ed25519PublicKey publicKey{};        //!< public key
    std::array<uint8_t, 64> secretKey{}; //!< secret key (seed || public key)

    /**
     * \brief Derive a key pair deterministically from a 32-byte seed.
     * \param seed the seed
     * \return the key pair
     */
    static Ed25519KeyPair FromSeed(const std::array<uint8_t, 32>& seed);

    /// \return true unless this is the all-zero (unset) key pair
    bool IsSet() const;

    /**
     * \brief Compare key pairs (also what ns-3's Callback needs to bind a
     *        key pair as an argument).
     * \param other another key pair
     * \return true if both hold the same keys
     */
    bool operator==(const Ed25519KeyPair& other) const;
    /**
     * \param other another key pair
     * \return true if the keys differ
     */
    bool operator!=(const Ed25519KeyPair& other) const;
};

/**
 * \ingroup mobisocket
 * \brief Initialise libsodium once per process (aborts if it cannot).
 */
void EnsureSodium();

} // namespace ns3

#endif /* CRYPTO_TYPES_H */
