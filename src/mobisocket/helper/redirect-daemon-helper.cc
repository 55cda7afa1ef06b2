/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "redirect-daemon-helper.h"

#include "ns3/abort.h"
#include "ns3/crypto-agent.h"
#include "ns3/mobility-demux.h"
#include "ns3/node.h"
#include "ns3/redirect-socket-factory.h"
#include "ns3/socket.h"

namespace ns3
{

RedirectDaemonHelper::RedirectDaemonHelper()
{
    m_daemonFactory.SetTypeId(RedirectDaemon::GetTypeId());
}

void
RedirectDaemonHelper::SetDaemonAttribute(const std::string& name, const AttributeValue& value)
{
    m_daemonFactory.Set(name, value);
}

void
RedirectDaemonHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    struct TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(RedirectableTcpSocket::GetTypeId().LookupAttributeByName(name, &info),
                        "RedirectableTcpSocket has no attribute \"" << name << "\"");
    m_socketAttributes[name] = value.Copy();
}

ApplicationContainer
RedirectDaemonHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer daemons;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        daemons.Add(Install(*it));
    }
    return daemons;
}

ApplicationContainer
RedirectDaemonHelper::Install(Ptr<Node> node) const
{
    Ptr<RedirectSocketFactory> factory =
        RelocatableSocketFactory::InstallOn<RedirectSocketFactory>(node);
    for (const auto& [name, value] : m_socketAttributes)
    {
        factory->SetSocketAttribute(name, *value);
    }
    Ptr<RedirectDaemon> daemon = GetDaemon(node);
    if (!daemon)
    {
        daemon = m_daemonFactory.Create<RedirectDaemon>();
        node->AddApplication(daemon);
    }
    return ApplicationContainer(daemon);
}

Ptr<RedirectableTcpSocket>
RedirectDaemonHelper::CreateSocket(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node || !node->GetObject<RedirectSocketFactory>(),
                    "RedirectDaemonHelper::CreateSocket: install the helper on the node first");
    return DynamicCast<RedirectableTcpSocket>(
        Socket::CreateSocket(node, RedirectSocketFactory::GetTypeId()));
}

Ptr<RedirectDaemon>
RedirectDaemonHelper::GetDaemon(Ptr<Node> node)
{
    for (uint32_t i = 0; node && i < node->GetNApplications(); ++i)
    {
        if (Ptr<RedirectDaemon> daemon = DynamicCast<RedirectDaemon>(node->GetApplication(i)))
        {
            return daemon;
        }
    }
    return nullptr;
}

int64_t
RedirectDaemonHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    return RelocatableSocketFactory::AssignStreams(nodes, stream);
}

} // namespace ns3
