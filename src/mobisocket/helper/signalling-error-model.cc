/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "signalling-error-model.h"

#include "signalling-classifier.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketSignallingErrorModel");

namespace
{
/// The PPP protocol number of IPv4 (RFC 1332), as ns-3's point-to-point devices write it.
constexpr uint16_t PPP_IPV4 = 0x0021;
/// The PPP protocol number of IPv6 (RFC 5072).
constexpr uint16_t PPP_IPV6 = 0x0057;
} // namespace

NS_OBJECT_ENSURE_REGISTERED(SignallingErrorModel);

TypeId
SignallingErrorModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SignallingErrorModel")
                            .SetParent<ErrorModel>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<SignallingErrorModel>()
                            .AddAttribute("Rate",
                                          "Probability that a signalling message is lost.",
                                          DoubleValue(0),
                                          MakeDoubleAccessor(&SignallingErrorModel::m_rate),
                                          MakeDoubleChecker<double>(0, 1))
                            .AddAttribute("Start",
                                          "No signalling message is lost before this time.",
                                          TimeValue(Seconds(0)),
                                          MakeTimeAccessor(&SignallingErrorModel::m_start),
                                          MakeTimeChecker());
    return tid;
}

SignallingErrorModel::SignallingErrorModel()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

int64_t
SignallingErrorModel::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

uint64_t
SignallingErrorModel::GetSeen() const
{
    return m_seen;
}

uint64_t
SignallingErrorModel::GetLost() const
{
    return m_lost;
}

bool
SignallingErrorModel::DoCorrupt(Ptr<Packet> packet)
{
    Ptr<Packet> ip = packet->Copy();
    PppHeader ppp;
    bool ipv6 = false;
    if (ip->PeekHeader(ppp) == 2 &&
        (ppp.GetProtocol() == PPP_IPV4 || ppp.GetProtocol() == PPP_IPV6))
    {
        ip->RemoveHeader(ppp); // a point-to-point device's frame
        ipv6 = ppp.GetProtocol() == PPP_IPV6;
    }
    std::string name = ipv6 ? SignallingClassifier::Name6(ip) : SignallingClassifier::Name(ip);
    if (name.empty() || SignallingClassifier::IsAddressAcquisition(name) ||
        Simulator::Now() < m_start)
    {
        return false;
    }
    ++m_seen;
    bool lost = m_random->GetValue() < m_rate;
    m_lost += lost;
    NS_LOG_LOGIC(name << (lost ? " lost" : " passes"));
    return lost;
}

void
SignallingErrorModel::DoReset()
{
}

} // namespace ns3
