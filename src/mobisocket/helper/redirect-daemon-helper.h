/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REDIRECT_DAEMON_HELPER_H
#define REDIRECT_DAEMON_HELPER_H

#include "ns3/application-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/redirect-daemon.h"
#include "ns3/redirectable-tcp-socket.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Sets up the redirect-daemon baseline (Prevelakis and Ioannidis) on
 *        nodes: the kernel extension (a RedirectSocketFactory, with the
 *        node's MobilityDemux and CryptoAgent) and a RedirectDaemon
 *        application.
 *
 * Install after InternetStackHelper::Install; applications then ask for
 * "ns3::RedirectSocketFactory" (e.g. BulkSendHelper, PacketSinkHelper).
 */
class RedirectDaemonHelper
{
  public:
    RedirectDaemonHelper();

    /**
     * \brief Set an attribute of the daemons this helper installs.
     * \param name the attribute name (see RedirectDaemon)
     * \param value its value
     */
    void SetDaemonAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the sockets the nodes' factories create
     *        (e.g. MobilityTimeout, CongestionPolicy).
     * \param name the attribute name (see RedirectableTcpSocket)
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install the kernel extension and a daemon on each node.
     * \param nodes the nodes
     * \return the daemons
     */
    ApplicationContainer Install(NodeContainer nodes) const;

    /**
     * \brief Install the kernel extension and a daemon on a node (a node
     *        that already has a daemon keeps it).
     * \param node the node
     * \return the node's daemon
     */
    ApplicationContainer Install(Ptr<Node> node) const;

    /**
     * \brief Create a socket of the kernel extension on a node where the
     *        helper was installed.
     * \param node the node
     * \return the socket
     */
    static Ptr<RedirectableTcpSocket> CreateSocket(Ptr<Node> node);

    /**
     * \param node a node where the helper was installed
     * \return its daemon (the first one), or null
     */
    static Ptr<RedirectDaemon> GetDaemon(Ptr<Node> node);

    /**
     * \brief Fix the random streams of the nodes' demultiplexers (connection
     *        nonces) and crypto agents (key shares).
     * \param nodes the nodes
     * \param stream first stream index to use
     * \return the number of stream indices assigned
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    ObjectFactory m_daemonFactory;                                 //!< makes the daemons
    std::map<std::string, Ptr<AttributeValue>> m_socketAttributes; //!< socket attributes
};

} // namespace ns3

#endif /* REDIRECT_DAEMON_HELPER_H */
