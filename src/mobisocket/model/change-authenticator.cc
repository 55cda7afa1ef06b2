/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "change-authenticator.h"

#include "crypto-agent.h"

#include "ns3/abort.h"

#include <sodium.h>

namespace ns3
{

ChangeAuthenticator::~ChangeAuthenticator() = default;

// ---------------------------------------------------------------------------------------------

SignatureAuthenticator::SignatureAuthenticator(Ptr<CryptoAgent> agent)
    : m_agent(agent)
{
    NS_ABORT_MSG_IF(!agent, "SignatureAuthenticator needs the node's CryptoAgent");
}

void
SignatureAuthenticator::SetLocalKeyPair(const Ed25519KeyPair& keyPair)
{
    m_localKeyPair = keyPair;
}

const Ed25519KeyPair&
SignatureAuthenticator::GetLocalKeyPair() const
{
    return m_localKeyPair;
}

void
SignatureAuthenticator::SetPeerPublicKey(const Ed25519PublicKey& publicKey)
{
    m_peerKey = publicKey;
    m_hasPeerKey = true;
}

bool
SignatureAuthenticator::HasPeerPublicKey() const
{
    return m_hasPeerKey;
}

const Ed25519PublicKey&
SignatureAuthenticator::GetPeerPublicKey() const
{
    return m_peerKey;
}

void
SignatureAuthenticator::SetVerifier(MobilityControlHeader::MessageType type, Verifier verifier)
{
    if (verifier.IsNull())
    {
        m_verifiers.erase(type);
        return;
    }
    m_verifiers[type] = verifier;
}

bool
SignatureAuthenticator::CanAuthenticate() const
{
    return m_localKeyPair.IsSet();
}

Time
SignatureAuthenticator::Authenticate(MobilityControlHeader& message)
{
    return Sign(message, m_agent, m_localKeyPair);
}

AuthenticityVerdict
SignatureAuthenticator::Check(const MobilityControlHeader& message)
{
    AuthenticityVerdict verdict;
    if (m_hasPeerKey)
    {
        verdict.authentic = Verify(message, m_agent, m_peerKey, verdict.delay);
        verdict.reason = ChangeRejectReason::BAD_AUTHENTICATOR;
        return verdict;
    }
    auto verifier = m_verifiers.find(message.GetMessageType());
    if (verifier != m_verifiers.end())
    {
        verdict.authentic = verifier->second(message);
        verdict.reason = ChangeRejectReason::REFUSED;
        return verdict;
    }
    verdict.reason = ChangeRejectReason::NO_VERIFIER;
    return verdict;
}

Time
SignatureAuthenticator::Sign(MobilityControlHeader& message,
                             Ptr<CryptoAgent> agent,
                             const Ed25519KeyPair& keyPair)
{
    Time delay;
    message.SetSignature(agent->Sign(message.GetSignedBytes(), keyPair, &delay));
    return delay;
}

bool
SignatureAuthenticator::Verify(const MobilityControlHeader& message,
                               Ptr<CryptoAgent> agent,
                               const Ed25519PublicKey& publicKey,
                               Time& delay)
{
    NS_ABORT_MSG_UNLESS(message.GetAuthenticatorSize() == MobilityControlHeader::SIGNATURE_SIZE,
                        "this message type is not signed");
    return agent->Verify(message.GetSignedBytes(), message.GetSignature(), publicKey, &delay);
}

// ---------------------------------------------------------------------------------------------

MacAuthenticator::MacAuthenticator(Ptr<CryptoAgent> agent)
    : m_agent(agent)
{
    NS_ABORT_MSG_IF(!agent, "MacAuthenticator needs the node's CryptoAgent");
}

void
MacAuthenticator::SetSecret(const SymmetricKey& secret)
{
    m_secret = secret;
    m_hasSecret = true;
}

bool
MacAuthenticator::HasSecret() const
{
    return m_hasSecret;
}

bool
MacAuthenticator::CanAuthenticate() const
{
    return m_hasSecret;
}

Time
MacAuthenticator::Authenticate(MobilityControlHeader& message)
{
    return Tag(message, m_agent, m_secret);
}

AuthenticityVerdict
MacAuthenticator::Check(const MobilityControlHeader& message)
{
    AuthenticityVerdict verdict;
    if (!m_hasSecret)
    {
        verdict.reason = ChangeRejectReason::NO_KEY;
        return verdict;
    }
    verdict.authentic = CheckTag(message, m_agent, m_secret, verdict.delay);
    verdict.reason = ChangeRejectReason::BAD_AUTHENTICATOR;
    return verdict;
}

Time
MacAuthenticator::Tag(MobilityControlHeader& message,
                      Ptr<CryptoAgent> agent,
                      const SymmetricKey& key)
{
    Time delay;
    message.SetMac(agent->Mac(message.GetSignedBytes(), key, &delay));
    return delay;
}

bool
MacAuthenticator::CheckTag(const MobilityControlHeader& message,
                           Ptr<CryptoAgent> agent,
                           const SymmetricKey& key,
                           Time& delay)
{
    const uint32_t size = message.GetAuthenticatorSize();
    if (size == MobilityControlHeader::MAC_SIZE)
    {
        return agent->CheckMac(message.GetSignedBytes(), message.GetMac(), key, &delay);
    }
    NS_ABORT_MSG_UNLESS(size == MobilityControlHeader::MIGRATE_TAG_SIZE,
                        "this message type carries no MAC");
    // A truncated tag: recompute the HMAC (the same CPU cost as a check)
    // and compare its first bytes in constant time.
    const MacTag expected = agent->Mac(message.GetSignedBytes(), key, &delay);
    const MacTag received = message.GetMac();
    return sodium_memcmp(expected.data(), received.data(), size) == 0;
}

} // namespace ns3
