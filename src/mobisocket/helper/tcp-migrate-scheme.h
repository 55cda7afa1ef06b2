/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_MIGRATE_SCHEME_H
#define TCP_MIGRATE_SCHEME_H

#include "dns-rendezvous-helper.h"
#include "key-agreeing-scheme.h"

#include <array>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The TCP Migrate baseline (protocol=migrate): TcpMigrateHelper on
 *        both hosts; the host's TCP layer learns of the link loss (connections
 *        in MIGRATE_WAIT, timers frozen) and of the new address (a Migrate SYN
 *        from it). No attack surface is modelled yet.
 */
class TcpMigrateScheme : public KeyAgreeingScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit TcpMigrateScheme(const SchemeParameters& parameters);

    std::string GetName() const override;
    TypeId GetSocketFactory() const override;
    /// Also the DNS rendezvous: its server on the proxy's node, a client per host.
    void Install(const SchemeEnvironment& environment) override;
    int64_t AssignStreams(int64_t stream) override;
    /// Publish the host's address in the DNS (unless it is the one published).
    void AddressAssigned(Host host, const IpAddress& address) override;
    /// Also tell the connection where to look its peer up.
    void Connected(Host host, Ptr<Socket> socket) override;
    /// \return the key-agreeing schemes' traits, with the DNS as rendezvous
    SignallingTraits GetSignallingTraits() const override;
    /// \return the Migrate SYN (MigrateSynSurface)
    Ptr<AttackSurface> GetAttackSurface() const override;
    ExchangePrediction PredictExchange(const ExchangePath& path) const override;

    /**
     * \param host a host
     * \return its DNS client (null before Install)
     */
    Ptr<DnsRendezvousClient> GetDnsClient(Host host) const;

    /// \return the DNS server (null before Install)
    Ptr<DnsRendezvousServer> GetDnsServer() const;

    /**
     * \param host a host
     * \return its name in the rendezvous zone ("mh.mobi.example." for the
     *         first pair's MH, "mh2.mobi.example." for the second's, ...)
     */
    std::string GetDnsName(Host host) const;

  private:
    std::shared_ptr<DnsRendezvousHelper> m_dns;        //!< the run's rendezvous (shared)
    bool m_madeDns{false};                             //!< this scheme installed its server
    std::array<Ptr<DnsRendezvousClient>, 2> m_clients; //!< per host (by IndexOf)
    std::array<Ipv4Address, 2> m_published;            //!< per host: the address in the DNS
};

} // namespace ns3

#endif /* TCP_MIGRATE_SCHEME_H */
