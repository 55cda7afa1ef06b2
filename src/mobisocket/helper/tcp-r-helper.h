/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_R_HELPER_H
#define TCP_R_HELPER_H

#include "ns3/node-container.h"
#include "ns3/tcp-r-socket.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Makes nodes run the TCP-R model and stands in for the host's
 *        TCP-R layer learning of address changes.
 *
 * Install() (after InternetStackHelper::Install) puts a MobilityDemux, a
 * CryptoAgent and a TcpRSocketFactory on each node; applications then ask
 * for "ns3::TcpRSocketFactory".
 */
class TcpRHelper
{
  public:
    /**
     * \brief Set an attribute of every TcpRSocket created on the nodes this
     *        helper installs.
     * \param name the attribute name
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install on each node (idempotent per node).
     * \param nodes the nodes
     */
    void Install(NodeContainer nodes) const;

    /**
     * \brief The node lost an address: its TCP-R connections hold, timers
     *        frozen.
     * \param node the node
     */
    static void NotifyAddressLost(Ptr<Node> node);

    /**
     * \brief The node has a new address: its TCP-R connections whose local
     *        address is gone move there and redirect their peers.
     * \param node the node
     * \param address the new address
     * \return the number of connections redirected
     */
    static uint32_t NotifyNewAddress(Ptr<Node> node, Ipv4Address address);

  private:
    std::map<std::string, Ptr<AttributeValue>> m_socketAttributes; //!< socket attributes
};

} // namespace ns3

#endif /* TCP_R_HELPER_H */
