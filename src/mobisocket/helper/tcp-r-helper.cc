/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-helper.h"

#include "ns3/abort.h"
#include "ns3/tcp-r-socket-factory.h"

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
    KeyAgreeingTcpSocket::NotifyAddressLost(node);
}

uint32_t
TcpRHelper::NotifyNewAddress(Ptr<Node> node, Ipv4Address address)
{
    return KeyAgreeingTcpSocket::NotifyNewAddress(node, address);
}

} // namespace ns3
