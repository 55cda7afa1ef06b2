/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CRYPTO_AGENT_H
#define CRYPTO_AGENT_H

#include "crypto-types.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <vector>

namespace ns3
{

class Node;

/**
 * \ingroup mobisocket
 * \brief Performs the public-key operations of a node (Ed25519 via
 *        libsodium) and accounts for what they cost.
 *
 * Every operation is real: signatures are computed and verified by libsodium,
 * so a forged message fails verification. The agent also models the CPU as a
 * single server: each operation takes Cycles / CpuFrequency seconds and
 * operations queue behind each other. The caller receives the delay after
 * which the result is available and should act on it only then. The
 * defaults are the Cortex-A8 (NEON) cycle counts of Bernstein and Schwabe,
 * "NEON crypto", CHES 2012, at 800 MHz (signature 368,212, verification
 * 650,102, X25519 527,102 cycles; a key share is one X25519 base-point
 * multiplication, counted at the same cost); an HMAC-SHA256 over a short
 * message is taken as 6,000 cycles (four SHA-256 blocks at about 20
 * cycles per byte), an estimate.
 *
 * One agent is aggregated to each node (Install(), called by the helpers;
 * Get() fails clearly where none was installed), so counts and busy
 * time are per node; the "Operation" trace source lets an energy model charge
 * the node's battery.
 */
class CryptoAgent : public Object
{
  public:
    /// The operations the agent performs.
    enum Operation
    {
        SIGN = 0,           //!< Ed25519 signature
        VERIFY = 1,         //!< Ed25519 verification
        KEY_GENERATION = 2, //!< X25519 key share
        KEY_AGREEMENT = 3,  //!< X25519 shared secret
        MAC = 4             //!< HMAC-SHA256 (computing or checking a tag)
    };

    /// Number of distinct operations.
    static constexpr int N_OPERATIONS = 5;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CryptoAgent();

    /**
     * \brief Aggregate an agent to a node (helpers call this; idempotent).
     *
     * The agent takes the attribute values in force now (Config::SetDefault).
     * \param node the node
     * \return the node's agent (the one already there, if any)
     */
    static Ptr<CryptoAgent> Install(Ptr<Node> node);

    /**
     * \brief The agent of a node, which must have one: a model that needs it
     *        and finds none stops with a message naming the node, instead of
     *        creating one with default attributes behind the caller's back.
     * \param node the node
     * \return the node's agent
     */
    static Ptr<CryptoAgent> Get(Ptr<Node> node);

    /**
     * \brief Sign a message.
     * \param message the bytes to sign
     * \param key the signer's key pair
     * \param[out] delay if not null, the time until the signature is ready
     *             (queueing behind earlier operations plus this one)
     * \return the detached signature
     */
    Ed25519Signature Sign(const std::vector<uint8_t>& message,
                          const Ed25519KeyPair& key,
                          Time* delay = nullptr);

    /**
     * \brief Verify a signature.
     * \param message the signed bytes
     * \param signature the detached signature
     * \param publicKey the signer's public key
     * \param[out] delay if not null, the time until the result is known
     * \return true if the signature is valid for the message and key
     */
    bool Verify(const std::vector<uint8_t>& message,
                const Ed25519Signature& signature,
                const Ed25519PublicKey& publicKey,
                Time* delay = nullptr);

    /**
     * \brief Make an X25519 key share from the agent's random stream.
     * \param[out] delay if not null, the time until it is ready
     * \return the key share
     */
    X25519KeyPair GenerateKeyShare(Time* delay = nullptr);

    /**
     * \brief Derive the shared secret of two key shares.
     * \param own this end's key share
     * \param peer the other end's public share
     * \param[out] delay if not null, the time until it is ready
     * \param[out] valid if not null, false when the peer's share is degenerate
     * \return the shared key (a hash of the X25519 result and both shares)
     */
    SymmetricKey Agree(const X25519KeyPair& own,
                       const X25519PublicKey& peer,
                       Time* delay = nullptr,
                       bool* valid = nullptr);

    /**
     * \brief Compute an HMAC-SHA256 tag.
     * \param message the bytes
     * \param key the key
     * \param[out] delay if not null, the time until it is ready
     * \return the tag
     */
    MacTag Mac(const std::vector<uint8_t>& message, const SymmetricKey& key, Time* delay = nullptr);

    /**
     * \brief Check an HMAC-SHA256 tag (in constant time).
     * \param message the bytes
     * \param tag the claimed tag
     * \param key the key
     * \param[out] delay if not null, the time until the result is known
     * \return true if the tag is right
     */
    bool CheckMac(const std::vector<uint8_t>& message,
                  const MacTag& tag,
                  const SymmetricKey& key,
                  Time* delay = nullptr);

    /**
     * \brief Fix the random stream of the key shares.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \param op an operation
     * \return how many times the operation was performed
     */
    uint64_t GetCount(Operation op) const;

    /**
     * \param op an operation
     * \return the CPU time one such operation takes
     */
    Time GetDuration(Operation op) const;

    /// \return the total CPU time spent in operations so far
    Time GetBusyTime() const;

    /**
     * \param op an operation
     * \return its name ("sign", "verify")
     */
    static const char* GetOperationName(Operation op);

    /**
     * TracedCallback signature for operations.
     * \param [in] op the operation
     * \param [in] start when the CPU starts it
     * \param [in] duration how long it keeps the CPU busy
     */
    typedef void (*OperationTracedCallback)(Operation op, Time start, Time duration);

  private:
    /**
     * \brief Account for one operation on the modelled CPU.
     * \param op the operation
     * \param[out] delay if not null, the delay from now until it completes
     */
    void Charge(Operation op, Time* delay);

    double m_cpuFrequencyHz;                                //!< modelled CPU clock
    uint64_t m_signCycles;                                  //!< cycles per signature
    uint64_t m_verifyCycles;                                //!< cycles per verification
    uint64_t m_keyGenerationCycles;                         //!< cycles per key share
    uint64_t m_keyAgreementCycles;                          //!< cycles per shared secret
    uint64_t m_macCycles;                                   //!< cycles per HMAC
    Ptr<UniformRandomVariable> m_rng;                       //!< key share seeds
    std::array<uint64_t, N_OPERATIONS> m_counts;            //!< operations performed
    Time m_busyTime;                                        //!< total CPU time
    Time m_busyUntil;                                       //!< end of the last queued operation
    TracedCallback<Operation, Time, Time> m_operationTrace; //!< "Operation" trace
};

} // namespace ns3

#endif /* CRYPTO_AGENT_H */
