/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobi-socket-helper.h"

#include "ns3/abort.h"
#include "ns3/mobi-socket-factory.h"
#include "ns3/mobility-demux.h"
#include "ns3/node.h"
#include "ns3/socket.h"

namespace ns3
{

MobiSocketHelper::MobiSocketHelper()
    : m_keyRng(CreateObject<UniformRandomVariable>())
{
}

void
MobiSocketHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    struct TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(MobiSocket::GetTypeId().LookupAttributeByName(name, &info),
                        "MobiSocket has no attribute \"" << name << "\"");
    m_socketAttributes[name] = value.Copy();
}

void
MobiSocketHelper::Install(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

void
MobiSocketHelper::Install(Ptr<Node> node) const
{
    Ptr<MobiSocketFactory> factory = RelocatableSocketFactory::InstallOn<MobiSocketFactory>(node);
    for (const auto& [name, value] : m_socketAttributes)
    {
        factory->SetSocketAttribute(name, *value);
    }
}

Ptr<MobiSocket>
MobiSocketHelper::CreateSocket(Ptr<Node> node)
{
    NS_ABORT_MSG_IF(!node || !node->GetObject<MobiSocketFactory>(),
                    "MobiSocketHelper::CreateSocket: install the helper on the node first");
    return DynamicCast<MobiSocket>(Socket::CreateSocket(node, MobiSocketFactory::GetTypeId()));
}

Ed25519KeyPair
MobiSocketHelper::GenerateKeyPair()
{
    std::array<uint8_t, 32> seed;
    for (auto& b : seed)
    {
        b = static_cast<uint8_t>(m_keyRng->GetInteger(0, 255));
    }
    return Ed25519KeyPair::FromSeed(seed);
}

int64_t
MobiSocketHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    m_keyRng->SetStream(stream);
    return 1 + RelocatableSocketFactory::AssignStreams(nodes, stream + 1);
}

} // namespace ns3
