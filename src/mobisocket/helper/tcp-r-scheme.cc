/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-scheme.h"

#include "attack-surface.h"
#include "handover-timeline.h"
#include "tcp-r-helper.h"

#include "ns3/boolean.h"
#include "ns3/string.h"
#include "ns3/tcp-r-socket-factory.h"
#include "ns3/tcp-r-socket.h"

namespace ns3
{

TcpRScheme::TcpRScheme(const SchemeParameters& parameters)
    : MobilityScheme(parameters)
{
}

std::string
TcpRScheme::GetName() const
{
    return "tcp-r";
}

MobilityScheme::SignallingTraits
TcpRScheme::GetSignallingTraits() const
{
    SignallingTraits t;
    t.keepsConnections = true;
    return t;
}

TypeId
TcpRScheme::GetSocketFactory() const
{
    return TcpRSocketFactory::GetTypeId();
}

void
TcpRScheme::Install(const SchemeEnvironment& environment)
{
    MobilityScheme::Install(environment);
    TcpRHelper tcpr;
    tcpr.SetSocketAttribute("ResetTimerAfterChange", BooleanValue(GetParameters().resetTimer));
    tcpr.SetSocketAttribute("CongestionPolicy", StringValue(GetParameters().congestionPolicy));
    tcpr.Install(NodeContainer(environment.hosts[0], environment.hosts[1]));
}

void
TcpRScheme::Connected(Host host, Ptr<Socket> socket)
{
    Ptr<TcpRSocket> tcpr = DynamicCast<TcpRSocket>(socket);
    if (tcpr && GetEnvironment().timeline)
    {
        GetEnvironment().timeline->WatchExchange(host, tcpr->GetExchange());
    }
}

void
TcpRScheme::LinkLost(Host host)
{
    TcpRHelper::NotifyAddressLost(GetHostNode(host));
}

void
TcpRScheme::AddressChanged(Host host, Ipv4Address address)
{
    TcpRHelper::NotifyNewAddress(GetHostNode(host), address);
}

Ptr<AttackSurface>
TcpRScheme::GetAttackSurface() const
{
    return ns3::Create<TcpControlSurface>(MobilityControlHeader::REDIRECT_REQUEST,
                                          TcpRSocket::EXID);
}

ExchangePrediction
TcpRScheme::PredictExchange(const ExchangePath& path) const
{
    // The RedirectRequest and RedirectAck segments (IP sizes), each with an
    // HMAC made by the sender and checked by the receiver.
    ExchangePrediction e = path.Predict(ExchangePath::Keyed(path.GetCpu(), 114, 110));
    e.moverTimerFrozen = true; // TcpRSocket::NotifyAddressLost ... ChangeCompleted
    return e;
}

} // namespace ns3
