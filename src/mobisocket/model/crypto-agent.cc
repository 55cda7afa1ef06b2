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

namespace
{
/// Initialise libsodium once per process.
void
EnsureSodium()
{
    static const bool ready = (sodium_init() >= 0);
    NS_ABORT_MSG_UNLESS(ready, "libsodium failed to initialise");
}
} // namespace

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
      m_counts{},
      m_busyTime(Seconds(0)),
      m_busyUntil(Seconds(0))
{
    EnsureSodium();
}

Ptr<CryptoAgent>
CryptoAgent::GetOrCreate(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node, "CryptoAgent::GetOrCreate needs a node");
    Ptr<CryptoAgent> agent = node->GetObject<CryptoAgent>();
    if (!agent)
    {
        agent = CreateObject<CryptoAgent>();
        node->AggregateObject(agent);
    }
    return agent;
}

Time
CryptoAgent::GetDuration(Operation op) const
{
    uint64_t cycles = (op == SIGN) ? m_signCycles : m_verifyCycles;
    return Seconds(static_cast<double>(cycles) / m_cpuFrequencyHz);
}

Time
CryptoAgent::Charge(Operation op)
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
    return m_busyUntil - now;
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
    Time d = Charge(SIGN);
    if (delay)
    {
        *delay = d;
    }
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
    Time d = Charge(VERIFY);
    if (delay)
    {
        *delay = d;
    }
    return ok;
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
    }
    return "unknown";
}

} // namespace ns3
