/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RELOCATABLE_SOCKET_FACTORY_H
#define RELOCATABLE_SOCKET_FACTORY_H

#include "crypto-agent.h"
#include "mobility-demux.h"

#include "ns3/node-container.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/socket-factory.h"
#include "ns3/tcp-l4-protocol.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Creates sockets of one RelocatableTcpSocket subclass, configured
 *        like TcpL4Protocol::CreateSocket configures plain TCP sockets (the
 *        node's RttEstimatorType, SocketType congestion control and
 *        RecoveryType).
 *
 * Each scheme has its own factory TypeId (MobiSocketFactory, ...), so that
 * applications ask for it by name, e.g. BulkSendHelper("ns3::MobiSocketFactory", ...).
 */
class RelocatableSocketFactory : public SocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Set an attribute of the sockets this factory creates.
     * \param name the attribute name
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    Ptr<Socket> CreateSocket() override;

    /**
     * \brief Make a node able to run a scheme: its MobilityDemux, its
     *        CryptoAgent, and a factory of type F (each only if missing).
     * \tparam F the factory class
     * \param node the node (with the Internet stack installed)
     * \return the node's factory
     */
    template <class F>
    static Ptr<F> InstallOn(Ptr<Node> node)
    {
        MobilityDemux::Install(node);
        CryptoAgent::Install(node);
        Ptr<F> factory = node->GetObject<F>();
        if (!factory)
        {
            factory = CreateObject<F>();
            node->AggregateObject(factory);
        }
        return factory;
    }

    /**
     * \brief Fix the random streams of what InstallOn() put on the nodes:
     *        each MobilityDemux (connection nonces) and CryptoAgent.
     * \param nodes the nodes (nodes without them are skipped)
     * \param stream the first stream index
     * \return the number of streams used
     */
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  protected:
    /**
     * \param socketType the TypeId of the sockets to create
     */
    explicit RelocatableSocketFactory(TypeId socketType);

  private:
    ObjectFactory m_socketFactory; //!< builds the sockets
};

} // namespace ns3

#endif /* RELOCATABLE_SOCKET_FACTORY_H */
