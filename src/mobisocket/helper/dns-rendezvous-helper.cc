/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "dns-rendezvous-helper.h"

#include "ns3/crypto-agent.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/string.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketDnsRendezvousHelper");

DnsRendezvousHelper::DnsRendezvousHelper(const std::string& zone)
    : m_zone(zone),
      m_serverAddress(Ipv4Address::GetAny()),
      m_keyRng(CreateObject<UniformRandomVariable>())
{
    m_serverFactory.SetTypeId(DnsRendezvousServer::GetTypeId());
    m_clientFactory.SetTypeId(DnsRendezvousClient::GetTypeId());
    m_serverFactory.Set("Zone", StringValue(zone));
    m_clientFactory.Set("Zone", StringValue(zone));
}

void
DnsRendezvousHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
    m_serverFactory.Set("Zone", StringValue(m_zone));
}

void
DnsRendezvousHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
    m_clientFactory.Set("Zone", StringValue(m_zone));
}

Ptr<DnsRendezvousServer>
DnsRendezvousHelper::InstallServer(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node ? node->GetObject<Ipv4>() : nullptr;
    if (!ipv4 || ipv4->GetNInterfaces() < 2 || ipv4->GetNAddresses(1) == 0)
    {
        NS_LOG_WARN("InstallServer: the node has no address on interface 1");
        return nullptr;
    }
    return InstallServer(node, ipv4->GetAddress(1, 0).GetLocal());
}

Ptr<DnsRendezvousServer>
DnsRendezvousHelper::InstallServer(Ptr<Node> node, Ipv4Address address)
{
    if (!node || !DnsName::IsValid(m_zone) || address == Ipv4Address::GetAny())
    {
        NS_LOG_WARN("InstallServer: no node, zone '" << m_zone << "' not valid, or no address");
        return nullptr;
    }
    CryptoAgent::Install(node);
    m_server = m_serverFactory.Create<DnsRendezvousServer>();
    m_server->SetAttribute("Local", Ipv4AddressValue(address));
    node->AddApplication(m_server);
    m_serverAddress = address;
    return m_server;
}

Ptr<DnsRendezvousClient>
DnsRendezvousHelper::MakeClient(Ptr<Node> node) const
{
    if (!m_server || !node || !node->GetObject<Ipv4>())
    {
        NS_LOG_WARN("no server installed yet, or no IPv4 on the node");
        return nullptr;
    }
    Ptr<DnsRendezvousClient> client = m_clientFactory.Create<DnsRendezvousClient>();
    client->SetNode(node);
    client->SetServer(m_serverAddress, m_server->GetPort());
    return client;
}

Ptr<DnsRendezvousClient>
DnsRendezvousHelper::InstallClient(Ptr<Node> host, const std::string& name)
{
    SymmetricKey key{};
    for (uint8_t& b : key)
    {
        b = static_cast<uint8_t>(m_keyRng->GetInteger(0, 255));
    }
    return InstallClient(host, name, key);
}

Ptr<DnsRendezvousClient>
DnsRendezvousHelper::InstallClient(Ptr<Node> host, const std::string& name, const SymmetricKey& key)
{
    if (!DnsName::IsInZone(name, m_zone))
    {
        NS_LOG_WARN("InstallClient: '" << name << "' is not a valid name in " << m_zone);
        return nullptr;
    }
    Ptr<DnsRendezvousClient> client = MakeClient(host);
    if (!client || !m_server->AddKey(name, key, {name}))
    {
        return nullptr;
    }
    CryptoAgent::Install(host);
    client->SetKey(name, key);
    m_keys[DnsName::Canonical(name)] = key;
    return client;
}

Ptr<DnsRendezvousClient>
DnsRendezvousHelper::InstallResolver(Ptr<Node> node)
{
    return MakeClient(node);
}

Ptr<DnsRendezvousServer>
DnsRendezvousHelper::GetServer() const
{
    return m_server;
}

Ipv4Address
DnsRendezvousHelper::GetServerAddress() const
{
    return m_serverAddress;
}

SymmetricKey
DnsRendezvousHelper::GetKey(const std::string& name) const
{
    auto it = m_keys.find(DnsName::Canonical(name));
    return it == m_keys.end() ? SymmetricKey{} : it->second;
}

int64_t
DnsRendezvousHelper::AssignStreams(int64_t stream)
{
    m_keyRng->SetStream(stream);
    return 1;
}

} // namespace ns3
