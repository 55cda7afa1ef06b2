/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "crypto-agent.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sodium.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketCryptoAgent");

NS_OBJECT_ENSURE_REGISTERED(CryptoAgent);

TypeId
CryptoAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CryptoAgent")
            .SetParent<Object>()
            .SetGroupName("MobiSocket")
            .AddConstructor<CryptoAgent>()
            .AddAttribute("CpuFrequency",
                          "Clock of the modelled CPU, in Hz.",
                          DoubleValue(800e6),
                          MakeDoubleAccessor(&CryptoAgent::m_cpuFrequencyHz),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("SignCycles",
                          "CPU cycles of one Ed25519 signature (Cortex-A8, CHES 2012).",
                          UintegerValue(368212),
                          MakeUintegerAccessor(&CryptoAgent::m_signCycles),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("VerifyCycles",
                          "CPU cycles of one Ed25519 verification (Cortex-A8, CHES 2012).",
                          UintegerValue(650102),
                          MakeUintegerAccessor(&CryptoAgent::m_verifyCycles),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("KeyGenerationCycles",
                          "CPU cycles of one X25519 key share (a base-point multiplication).",
                          UintegerValue(527102),
                          MakeUintegerAccessor(&CryptoAgent::m_keyGenerationCycles),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("KeyAgreementCycles",
                          "CPU cycles of one X25519 shared secret (Cortex-A8, CHES 2012).",
                          UintegerValue(527102),
                          MakeUintegerAccessor(&CryptoAgent::m_keyAgreementCycles),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("MacCycles",
                          "CPU cycles of one HMAC-SHA256 over a control message (estimate).",
                          UintegerValue(6000),
                          MakeUintegerAccessor(&CryptoAgent::m_macCycles),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Operation",
                            "A cryptographic operation occupies the CPU.",
                            MakeTraceSourceAccessor(&CryptoAgent::m_operationTrace),
                            "ns3::CryptoAgent::OperationTracedCallback");
    return tid;
}

CryptoAgent::CryptoAgent()
    : m_cpuFrequencyHz(800e6),
      m_signCycles(368212),
      m_verifyCycles(650102),
      m_keyGenerationCycles(527102),
      m_keyAgreementCycles(527102),
      m_macCycles(6000),
      m_rng(CreateObject<UniformRandomVariable>()),
      m_counts{},
      m_busyTime(Seconds(0)),
      m_busyUntil(Seconds(0))
{
    EnsureSodium();
}

Ptr<CryptoAgent>
CryptoAgent::Install(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "CryptoAgent::Install needs a node");
    Ptr<CryptoAgent> agent = node->GetObject<CryptoAgent>();
    if (!agent)
    {
        agent = CreateObject<CryptoAgent>();
        node->AggregateObject(agent);
    }
    return agent;
}

Ptr<CryptoAgent>
CryptoAgent::Get(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "CryptoAgent::Get: no node (is the socket or application on one?)");
    Ptr<CryptoAgent> agent = node->GetObject<CryptoAgent>();
    NS_ABORT_MSG_IF(!agent,
                    "node " << node->GetId()
                            << " has no CryptoAgent: install the scheme's helper "
                               "(MobiSocketHelper, TcpRHelper, RedirectDaemonHelper) or call "
                               "CryptoAgent::Install on it first");
    return agent;
}

Time
CryptoAgent::GetDuration(Operation op) const
{
    uint64_t cycles = 0;
    switch (op)
    {
    case SIGN:
        cycles = m_signCycles;
        break;
    case VERIFY:
        cycles = m_verifyCycles;
        break;
    case KEY_GENERATION:
        cycles = m_keyGenerationCycles;
        break;
    case KEY_AGREEMENT:
        cycles = m_keyAgreementCycles;
        break;
    case MAC:
        cycles = m_macCycles;
        break;
    }
    return Seconds(static_cast<double>(cycles) / m_cpuFrequencyHz);
}

void
CryptoAgent::Charge(Operation op, Time* delay)
{
    Time now = Simulator::Now();
    Time start = std::max(now, m_busyUntil);
    Time duration = GetDuration(op);
    m_busyUntil = start + duration;
    m_busyTime += duration;
    ++m_counts[op];
    NS_LOG_INFO(GetOperationName(op)
                << " starts at " << start.As(Time::S) << " for " << duration.As(Time::US));
    m_operationTrace(op, start, duration);
    if (delay)
    {
        *delay = m_busyUntil - now;
    }
}

Ed25519Signature
CryptoAgent::Sign(const std::vector<uint8_t>& message, const Ed25519KeyPair& key, Time* delay)
{
    NS_ABORT_MSG_UNLESS(key.IsSet(), "CryptoAgent::Sign called without a key pair");
    Ed25519Signature signature{};
    crypto_sign_detached(signature.data(),
                         nullptr,
                         message.data(),
                         message.size(),
                         key.secretKey.data());
    Charge(SIGN, delay);
    return signature;
}

bool
CryptoAgent::Verify(const std::vector<uint8_t>& message,
                    const Ed25519Signature& signature,
                    const Ed25519PublicKey& publicKey,
                    Time* delay)
{
    bool ok = crypto_sign_verify_detached(signature.data(),
                                          message.data(),
                                          message.size(),
                                          publicKey.data()) == 0;
    Charge(VERIFY, delay);
    return ok;
}

X25519KeyPair
CryptoAgent::GenerateKeyShare(Time* delay)
{
    X25519KeyPair pair;
    for (auto& b : pair.secretKey)
    {
        b = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
    }
    crypto_scalarmult_base(pair.publicKey.data(), pair.secretKey.data());
    Charge(KEY_GENERATION, delay);
    return pair;
}

SymmetricKey
CryptoAgent::Agree(const X25519KeyPair& own, const X25519PublicKey& peer, Time* delay, bool* valid)
{
    std::array<uint8_t, crypto_scalarmult_BYTES> point{};
    bool ok = crypto_scalarmult(point.data(), own.secretKey.data(), peer.data()) == 0;
    // Hash the point with both shares, in a fixed order, into the key.
    const X25519PublicKey& low = std::min(own.publicKey, peer);
    const X25519PublicKey& high = std::max(own.publicKey, peer);
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 32);
    crypto_generichash_update(&state, point.data(), point.size());
    crypto_generichash_update(&state, low.data(), low.size());
    crypto_generichash_update(&state, high.data(), high.size());
    SymmetricKey key{};
    crypto_generichash_final(&state, key.data(), key.size());
    Charge(KEY_AGREEMENT, delay);
    if (valid)
    {
        *valid = ok;
    }
    return key;
}

MacTag
CryptoAgent::Mac(const std::vector<uint8_t>& message, const SymmetricKey& key, Time* delay)
{
    MacTag tag{};
    crypto_auth_hmacsha256(tag.data(), message.data(), message.size(), key.data());
    Charge(MAC, delay);
    return tag;
}

bool
CryptoAgent::CheckMac(const std::vector<uint8_t>& message,
                      const MacTag& tag,
                      const SymmetricKey& key,
                      Time* delay)
{
    bool ok =
        crypto_auth_hmacsha256_verify(tag.data(), message.data(), message.size(), key.data()) == 0;
    Charge(MAC, delay);
    return ok;
}

int64_t
CryptoAgent::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint64_t
CryptoAgent::GetCount(Operation op) const
{
    return m_counts.at(op);
}

Time
CryptoAgent::GetBusyTime() const
{
    return m_busyTime;
}

const char*
CryptoAgent::GetOperationName(Operation op)
{
    switch (op)
    {
    case SIGN:
        return "sign";
    case VERIFY:
        return "verify";
    case KEY_GENERATION:
        return "key-share";
    case KEY_AGREEMENT:
        return "key-agreement";
    case MAC:
        return "hmac";
    }
    return "unknown";
}

} // namespace ns3
