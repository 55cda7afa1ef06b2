/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "key-agreeing-socket-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/tcp-socket-list.h"

namespace ns3
{

KeyAgreeingSocketHelper::KeyAgreeingSocketHelper(TypeId socketType)
    : m_socketType(socketType)
{
}

void
KeyAgreeingSocketHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    struct TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(m_socketType.LookupAttributeByName(name, &info),
                        m_socketType.GetName() << " has no attribute \"" << name << "\"");
    m_socketAttributes[name] = value.Copy();
}

void
KeyAgreeingSocketHelper::NotifyAddressLost(Ptr<Node> node)
{
    for (Ptr<KeyAgreeingTcpSocket> socket : GetTcpSockets<KeyAgreeingTcpSocket>(node))
    {
        if (socket->IsMobilityActive())
        {
            socket->NotifyAddressLost();
        }
    }
}

uint32_t
KeyAgreeingSocketHelper::NotifyNewAddress(Ptr<Node> node, Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    uint32_t moved = 0;
    for (Ptr<KeyAgreeingTcpSocket> socket : GetTcpSockets<KeyAgreeingTcpSocket>(node))
    {
        Address local;
        if (!socket->IsMobilityActive() || socket->GetSockName(local) != 0)
        {
            continue;
        }
        Ipv4Address current = InetSocketAddress::ConvertFrom(local).GetIpv4();
        bool stillAssigned = ipv4->GetInterfaceForAddress(current) >= 0;
        if ((!stillAssigned || current == address) && socket->NotifyNewAddress(address) == 0)
        {
            ++moved;
        }
    }
    return moved;
}

} // namespace ns3
