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
    if (ip->PeekHeader(ppp) == 2 && ppp.GetProtocol() == 0x0021)
    {
        ip->RemoveHeader(ppp); // a point-to-point device's frame (PPP 0x0021: IPv4)
    }
    std::string name = SignallingClassifier::Name(ip);
    if (name.empty() || name == SignallingClassifier::DHCP || Simulator::Now() < m_start)
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
