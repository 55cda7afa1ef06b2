/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-migrate-scheme.h"

#include "attack-surface.h"
#include "tcp-migrate-helper.h"

#include "ns3/log.h"
#include "ns3/tcp-migrate-socket-factory.h"
#include "ns3/tcp-migrate-socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketTcpMigrateScheme");

namespace
{
/// The rendezvous zone.
const char* const ZONE = "mobi.example.";
} // namespace

TcpMigrateScheme::TcpMigrateScheme(const SchemeParameters& parameters)
    : KeyAgreeingScheme(parameters)
{
}

std::string
TcpMigrateScheme::GetName() const
{
    return "migrate";
}

TypeId
TcpMigrateScheme::GetSocketFactory() const
{
    return TcpMigrateSocketFactory::GetTypeId();
}

void
TcpMigrateScheme::Install(const SchemeEnvironment& environment)
{
    InstallHelper<TcpMigrateHelper>(environment);
    SchemeServices& services = GetServices();
    if (!services.dns)
    {
        // The first pair's scheme installs the zone's server; the others join it.
        services.dns = std::make_shared<DnsRendezvousHelper>(ZONE);
        services.dns->InstallServer(environment.proxy, environment.proxyAddress);
        m_madeDns = true;
    }
    m_dns = services.dns;
    for (Host host : {Host::MH, Host::CH})
    {
        m_clients[IndexOf(host)] = m_dns->InstallClient(GetHostNode(host), GetDnsName(host));
        NS_ABORT_MSG_IF(!m_clients[IndexOf(host)], "TcpMigrateScheme: no DNS client");
    }
}

int64_t
TcpMigrateScheme::AssignStreams(int64_t stream)
{
    int64_t used = m_madeDns ? m_dns->AssignStreams(stream) : 0;
    for (const auto& client : m_clients)
    {
        used += client ? client->AssignStreams(stream + used) : 0;
    }
    return used;
}

void
TcpMigrateScheme::AddressAssigned(Host host, const IpAddress& assigned)
{
    const Ipv4Address address = assigned.GetIpv4(); // IPv4 only (CheckRequirements)
    if (address == m_published[IndexOf(host)])
    {
        return; // a lease of the same address (back with the AP it left): nothing to publish
    }
    m_published[IndexOf(host)] = address;
    auto status =
        GetDnsClient(host)->Update(GetDnsName(host),
                                   address,
                                   MakeNullCallback<void, bool, DnsRendezvousClient::Status>());
    if (status != DnsRendezvousClient::PENDING)
    {
        NS_LOG_WARN(host << ": DNS update not sent: "
                         << DnsRendezvousClient::GetStatusName(status));
    }
}

void
TcpMigrateScheme::Connected(Host host, Ptr<Socket> socket)
{
    KeyAgreeingScheme::Connected(host, socket);
    if (Ptr<TcpMigrateSocket> migrate = DynamicCast<TcpMigrateSocket>(socket))
    {
        migrate->SetRendezvous(GetDnsClient(host), GetDnsName(PeerOf(host)));
    }
}

Ptr<AttackSurface>
TcpMigrateScheme::GetAttackSurface() const
{
    return ns3::Create<MigrateSynSurface>();
}

MobilityScheme::SignallingTraits
TcpMigrateScheme::GetSignallingTraits() const
{
    SignallingTraits t = KeyAgreeingScheme::GetSignallingTraits();
    t.rendezvous = Rendezvous::DNS;
    return t;
}

Ptr<DnsRendezvousClient>
TcpMigrateScheme::GetDnsClient(Host host) const
{
    return m_clients[IndexOf(host)];
}

Ptr<DnsRendezvousServer>
TcpMigrateScheme::GetDnsServer() const
{
    return m_dns ? m_dns->GetServer() : nullptr;
}

std::string
TcpMigrateScheme::GetDnsName(Host host) const
{
    return GetHostLabel(host) + "." + ZONE;
}

ExchangePrediction
TcpMigrateScheme::PredictExchange(const ExchangePath& path) const
{
    // The Migrate SYN and its SYN/ACK (IP sizes: 20 + a 20-byte TCP header
    // with the 26-byte Migrate option and the 10-byte timestamp option, padded
    // to 36), each with a truncated HMAC made by the sender and checked by the
    // receiver.
    ExchangePrediction e = path.Predict(ExchangePath::Keyed(path.GetCpu(), 76, 76));
    e.moverTimerFrozen = true; // MIGRATE_WAIT ... ChangeCompleted
    return e;
}

} // namespace ns3
