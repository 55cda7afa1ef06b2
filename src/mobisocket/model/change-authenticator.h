/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CHANGE_AUTHENTICATOR_H
#define CHANGE_AUTHENTICATOR_H

#include "change-reasons.h"
#include "crypto-types.h"
#include "mobility-control-header.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <map>

namespace ns3
{

class CryptoAgent;

/**
 * \ingroup mobisocket
 * \brief The verdict on a received message's authenticity. The check's
 *        cost is modelled: the verdict may be acted on only after delay.
 */
struct AuthenticityVerdict
{
    bool authentic{false};                                      //!< the message is authentic
    ChangeRejectReason reason{ChangeRejectReason::NO_VERIFIER}; //!< why not, if it is not
    Time delay;                                                 //!< CPU time until it is known
};

/**
 * \ingroup mobisocket
 * \brief How the messages of an address-change exchange are authenticated:
 *        the policy a scheme plugs into ChangeExchange.
 *
 * Every operation is real cryptography on the node's CryptoAgent, which
 * also accounts for its CPU time and energy.
 */
class ChangeAuthenticator : public SimpleRefCount<ChangeAuthenticator>
{
  public:
    virtual ~ChangeAuthenticator();

    /// \return true if this end holds the key to authenticate its own messages
    virtual bool CanAuthenticate() const = 0;

    /**
     * \brief Authenticate an outgoing message (sign it, or compute its tag).
     *        The caller checks CanAuthenticate() first.
     * \param message the message; its authenticator field is filled in
     * \return the CPU delay until the message is ready
     */
    virtual Time Authenticate(MobilityControlHeader& message) = 0;

    /**
     * \brief Check an incoming message's authenticity.
     * \param message the message
     * \return the verdict and when it is known
     */
    virtual AuthenticityVerdict Check(const MobilityControlHeader& message) = 0;
};

/**
 * \ingroup mobisocket
 * \brief Ed25519 signatures over the whole message: MobiSocket's AddChange
 *        and AddConfirm, in band or in a SIP INFO.
 *
 * Messages are checked with the peer's public key; without one, an
 * application verifier for the message's type decides (the paper: "the
 * application takes care of security activities"), and without either the
 * message is rejected (NO_VERIFIER).
 */
class SignatureAuthenticator : public ChangeAuthenticator
{
  public:
    /// An application's verdict on a message, when no peer key is known.
    typedef Callback<bool, const MobilityControlHeader&> Verifier;

    /**
     * \param agent the node's crypto agent (performs and accounts for the operations)
     */
    explicit SignatureAuthenticator(Ptr<CryptoAgent> agent);

    /// \param keyPair this end's key pair (signs its messages)
    void SetLocalKeyPair(const Ed25519KeyPair& keyPair);
    /// \return this end's key pair (unset if none)
    const Ed25519KeyPair& GetLocalKeyPair() const;
    /// \param publicKey the peer's public key (verifies its messages)
    void SetPeerPublicKey(const Ed25519PublicKey& publicKey);
    /// \return true once the peer's public key is known
    bool HasPeerPublicKey() const;
    /// \return the peer's public key (all zero if unknown)
    const Ed25519PublicKey& GetPeerPublicKey() const;
    /**
     * \brief Let the application decide on messages of one type when no peer
     *        key is known.
     * \param type the message type
     * \param verifier the application's verifier (a null callback removes it)
     */
    void SetVerifier(MobilityControlHeader::MessageType type, Verifier verifier);

    bool CanAuthenticate() const override;
    Time Authenticate(MobilityControlHeader& message) override;
    AuthenticityVerdict Check(const MobilityControlHeader& message) override;

    /**
     * \brief Sign a message (a signed type) with a key pair.
     * \param message the message
     * \param agent the crypto agent that does it
     * \param keyPair the signer's keys
     * \return the CPU delay until the signature is ready
     */
    static Time Sign(MobilityControlHeader& message,
                     Ptr<CryptoAgent> agent,
                     const Ed25519KeyPair& keyPair);

    /**
     * \brief Verify a message's signature.
     * \param message the message (a signed type)
     * \param agent the crypto agent that does it
     * \param publicKey the claimed signer's key
     * \param[out] delay the CPU delay until the result is known
     * \return true if the signature is valid
     */
    static bool Verify(const MobilityControlHeader& message,
                       Ptr<CryptoAgent> agent,
                       const Ed25519PublicKey& publicKey,
                       Time& delay);

  private:
    Ptr<CryptoAgent> m_agent;                                           //!< performs the operations
    Ed25519KeyPair m_localKeyPair;                                      //!< this end's keys
    Ed25519PublicKey m_peerKey{};                                       //!< the peer's key
    bool m_hasPeerKey{false};                                           //!< m_peerKey is set
    std::map<MobilityControlHeader::MessageType, Verifier> m_verifiers; //!< per message type
};

/**
 * \ingroup mobisocket
 * \brief HMAC-SHA256 keyed by a secret both ends agreed beforehand: TCP-R's
 *        and the redirect daemon's redirect request and acknowledgement.
 */
class MacAuthenticator : public ChangeAuthenticator
{
  public:
    /**
     * \param agent the node's crypto agent (performs and accounts for the operations)
     */
    explicit MacAuthenticator(Ptr<CryptoAgent> agent);

    /// \param secret the agreed secret
    void SetSecret(const SymmetricKey& secret);
    /// \return true once the secret is agreed
    bool HasSecret() const;

    bool CanAuthenticate() const override;
    Time Authenticate(MobilityControlHeader& message) override;
    AuthenticityVerdict Check(const MobilityControlHeader& message) override;

    /**
     * \brief Tag a message (a MAC type) with a key.
     * \param message the message
     * \param agent the crypto agent that does it
     * \param key the key
     * \return the CPU delay until the tag is ready
     */
    static Time Tag(MobilityControlHeader& message,
                    Ptr<CryptoAgent> agent,
                    const SymmetricKey& key);

    /**
     * \brief Check a message's tag.
     * \param message the message (a MAC type)
     * \param agent the crypto agent that does it
     * \param key the key
     * \param[out] delay the CPU delay until the result is known
     * \return true if the tag is right
     */
    static bool CheckTag(const MobilityControlHeader& message,
                         Ptr<CryptoAgent> agent,
                         const SymmetricKey& key,
                         Time& delay);

  private:
    Ptr<CryptoAgent> m_agent; //!< performs the operations
    SymmetricKey m_secret{};  //!< the agreed secret
    bool m_hasSecret{false};  //!< m_secret is set
};

} // namespace ns3

#endif /* CHANGE_AUTHENTICATOR_H */
