/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef KEY_AGREEING_SOCKET_HELPER_H
#define KEY_AGREEING_SOCKET_HELPER_H

#include "ns3/key-agreeing-tcp-socket.h"
#include "ns3/node-container.h"
#include "ns3/relocatable-socket-factory.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief What the helpers of TCP-R and TCP Migrate share: the socket
 *        attributes to set on every socket of the nodes they install, and
 *        standing in for the host's TCP layer learning of address changes.
 */
class KeyAgreeingSocketHelper
{
  public:
    /**
     * \brief Set an attribute of every socket created on the nodes this
     *        helper installs.
     * \param name the attribute name (aborts naming it if the socket class
     *        has no such attribute)
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief The node lost an address: its connections hold, timers frozen.
     * \param node the node
     */
    static void NotifyAddressLost(Ptr<Node> node);

    /**
     * \brief The node has a new address: its connections whose local address
     *        is gone move there and tell their peers.
     * \param node the node
     * \param address the new address
     * \return the number of connections moved
     */
    static uint32_t NotifyNewAddress(Ptr<Node> node, Ipv4Address address);

  protected:
    /// \param socketType the sockets the helper's factory creates
    explicit KeyAgreeingSocketHelper(TypeId socketType);

    /**
     * \brief Put the factory F on each node (idempotent per node) with the
     *        socket attributes set.
     * \tparam F the socket factory
     * \param nodes the nodes
     */
    template <class F>
    void InstallFactory(NodeContainer nodes) const
    {
        for (auto it = nodes.Begin(); it != nodes.End(); ++it)
        {
            Ptr<F> factory = RelocatableSocketFactory::InstallOn<F>(*it);
            for (const auto& [name, value] : m_socketAttributes)
            {
                factory->SetSocketAttribute(name, *value);
            }
        }
    }

  private:
    TypeId m_socketType;                                           //!< the sockets' class
    std::map<std::string, Ptr<AttributeValue>> m_socketAttributes; //!< socket attributes
};

} // namespace ns3

#endif /* KEY_AGREEING_SOCKET_HELPER_H */
