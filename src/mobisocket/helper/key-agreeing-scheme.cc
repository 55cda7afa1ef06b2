/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "key-agreeing-scheme.h"

#include "handover-timeline.h"
#include "key-agreeing-socket-helper.h"

#include "ns3/key-agreeing-tcp-socket.h"

namespace ns3
{

KeyAgreeingScheme::KeyAgreeingScheme(const SchemeParameters& parameters)
    : MobilityScheme(parameters)
{
}

MobilityScheme::SignallingTraits
KeyAgreeingScheme::GetSignallingTraits() const
{
    SignallingTraits t;
    t.keepsConnections = true;
    return t;
}

void
KeyAgreeingScheme::Connected(Host host, Ptr<Socket> socket)
{
    Ptr<KeyAgreeingTcpSocket> keyed = DynamicCast<KeyAgreeingTcpSocket>(socket);
    if (keyed && GetEnvironment().timeline)
    {
        GetEnvironment().timeline->WatchExchange(host, keyed->GetExchange());
    }
}

void
KeyAgreeingScheme::LinkLost(Host host)
{
    KeyAgreeingSocketHelper::NotifyAddressLost(GetHostNode(host));
}

void
KeyAgreeingScheme::AddressChanged(Host host, const IpAddress& address)
{
    KeyAgreeingSocketHelper::NotifyNewAddress(GetHostNode(host), address.GetIpv4());
}

} // namespace ns3
