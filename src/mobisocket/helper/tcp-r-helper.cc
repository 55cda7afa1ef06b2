/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/tcp-r-socket-factory.h"
#include "ns3/tcp-socket-list.h"

namespace ns3
{

void
TcpRHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    struct TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(TcpRSocket::GetTypeId().LookupAttributeByName(name, &info),
                        "TcpRSocket has no attribute \"" << name << "\"");
    m_socketAttributes[name] = value.Copy();
}

void
TcpRHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<TcpRSocketFactory> factory =
            RelocatableSocketFactory::InstallOn<TcpRSocketFactory>(*it);
        for (const auto& [name, value] : m_socketAttributes)
        {
            factory->SetSocketAttribute(name, *value);
        }
    }
}

void
TcpRHelper::NotifyAddressLost(Ptr<Node> node)
{
    for (Ptr<TcpRSocket> socket : GetTcpSockets<TcpRSocket>(node))
    {
        if (socket->IsTcpRActive())
        {
            socket->NotifyAddressLost();
        }
    }
}

uint32_t
TcpRHelper::NotifyNewAddress(Ptr<Node> node, Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    uint32_t redirected = 0;
    for (Ptr<TcpRSocket> socket : GetTcpSockets<TcpRSocket>(node))
    {
        Address local;
        if (!socket->IsTcpRActive() || socket->GetSockName(local) != 0)
        {
            continue;
        }
        Ipv4Address current = InetSocketAddress::ConvertFrom(local).GetIpv4();
        bool stillAssigned = ipv4->GetInterfaceForAddress(current) >= 0;
        if ((!stillAssigned || current == address) && socket->NotifyNewAddress(address) == 0)
        {
            ++redirected;
        }
    }
    return redirected;
}

} // namespace ns3
