/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-scheme.h"

#include "attack-surface.h"
#include "tcp-r-helper.h"

#include "ns3/tcp-r-socket-factory.h"
#include "ns3/tcp-r-socket.h"

namespace ns3
{

TcpRScheme::TcpRScheme(const SchemeParameters& parameters)
    : KeyAgreeingScheme(parameters)
{
}

std::string
TcpRScheme::GetName() const
{
    return "tcp-r";
}

TypeId
TcpRScheme::GetSocketFactory() const
{
    return TcpRSocketFactory::GetTypeId();
}

void
TcpRScheme::Install(const SchemeEnvironment& environment)
{
    InstallHelper<TcpRHelper>(environment);
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
