/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DNS_RENDEZVOUS_HELPER_H
#define DNS_RENDEZVOUS_HELPER_H

#include "ns3/crypto-types.h"
#include "ns3/dns-rendezvous-client.h"
#include "ns3/dns-rendezvous-server.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/random-variable-stream.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Sets up the DNS rendezvous of the TCP Migrate baseline: one
 *        DnsRendezvousServer for the zone, and DnsRendezvousClients on hosts,
 *        each host with its own TSIG key shared with the server.
 *
 * Install the Internet stack and addresses first. InstallServer() adds the
 * server application (and a CryptoAgent) to a node; InstallClient() then
 * makes a client on a host for one name of the zone: the key (given, or 32
 * bytes drawn from the helper's random stream, AssignStreams()) is named
 * after the host's name, the server learns it with that name as the only
 * one it may update, and the client gets it with the server's address and
 * port (install one client per name: see DnsRendezvousClient on sharing a
 * key). InstallResolver() makes a client without a key, for lookups. The
 * clients are held by the caller (not aggregated to the node; see
 * DnsRendezvousClient).
 *
 * Misuse returns a null pointer and logs why (a client before the server, a
 * name not valid or outside the zone, a node without IPv4 or address).
 */
class DnsRendezvousHelper
{
  public:
    /**
     * \param zone the zone the server serves and the clients update
     */
    explicit DnsRendezvousHelper(const std::string& zone = "mobi.example.");

    /**
     * \brief Set an attribute of the server (not "Zone": the helper's).
     * \param name the attribute (see DnsRendezvousServer)
     * \param value its value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the clients (not "Zone": the helper's).
     * \param name the attribute (see DnsRendezvousClient)
     * \param value its value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install the server on a node, reached at the node's first
     *        interface address (interface 1, address 0).
     * \param node the node
     * \return the server, or null if the node has no such address or the
     *         zone is not valid
     */
    Ptr<DnsRendezvousServer> InstallServer(Ptr<Node> node);

    /**
     * \brief Install the server on a node, reached at a given address (it
     *        listens on that address and answers from it: its Local attribute).
     * \param node the node
     * \param address the address clients send to
     * \return the server, or null if the zone is not valid or the address is 0.0.0.0
     */
    Ptr<DnsRendezvousServer> InstallServer(Ptr<Node> node, Ipv4Address address);

    /**
     * \brief Make a client on a host that may update one name, with a key
     *        drawn from the helper's random stream.
     * \param host the host
     * \param name its name in the zone (also the key's name)
     * \return the client, or null (see the class description)
     */
    Ptr<DnsRendezvousClient> InstallClient(Ptr<Node> host, const std::string& name);

    /**
     * \brief Make a client on a host that may update one name, with a given key.
     * \param host the host
     * \param name its name in the zone (also the key's name)
     * \param key the key it shares with the server
     * \return the client, or null (see the class description)
     */
    Ptr<DnsRendezvousClient> InstallClient(Ptr<Node> host,
                                           const std::string& name,
                                           const SymmetricKey& key);

    /**
     * \brief Make a client without a key (lookups only) on a node.
     * \param node the node
     * \return the client, or null (no server yet, or no IPv4 on the node)
     */
    Ptr<DnsRendezvousClient> InstallResolver(Ptr<Node> node);

    /// \return the server (null before InstallServer())
    Ptr<DnsRendezvousServer> GetServer() const;

    /// \return the address clients send to (0.0.0.0 before InstallServer())
    Ipv4Address GetServerAddress() const;

    /**
     * \param name a name a client was installed for
     * \return its key (all zero if none)
     */
    SymmetricKey GetKey(const std::string& name) const;

    /**
     * \brief Fix the random stream the keys are drawn from (the clients'
     *        message IDs: DnsRendezvousClient::AssignStreams).
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * \param node a node
     * \return a client on it, configured with the server (null if none or no IPv4)
     */
    Ptr<DnsRendezvousClient> MakeClient(Ptr<Node> node) const;

    std::string m_zone;                         //!< the zone
    ObjectFactory m_serverFactory;              //!< makes the server
    ObjectFactory m_clientFactory;              //!< makes the clients
    Ptr<DnsRendezvousServer> m_server;          //!< the server
    Ipv4Address m_serverAddress;                //!< its address
    Ptr<UniformRandomVariable> m_keyRng;        //!< draws the keys
    std::map<std::string, SymmetricKey> m_keys; //!< keys by canonical name
};

} // namespace ns3

#endif /* DNS_RENDEZVOUS_HELPER_H */
