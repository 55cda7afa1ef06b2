/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBI_SOCKET_HELPER_H
#define MOBI_SOCKET_HELPER_H

#include "ns3/crypto-agent.h"
#include "ns3/mobi-socket.h"
#include "ns3/node-container.h"
#include "ns3/random-variable-stream.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Makes nodes MobiSocket-capable and creates MobiSockets and keys.
 *
 * Install() (after InternetStackHelper::Install) puts on each node a
 * MobilityDemux in front of TCP, a CryptoAgent and a MobiSocketFactory;
 * applications then ask for "ns3::MobiSocketFactory". Nodes without it keep
 * plain ns-3 TCP.
 */
class MobiSocketHelper
{
  public:
    MobiSocketHelper();

    /**
     * \brief Set an attribute of every MobiSocket created on the nodes this
     *        helper installs (e.g. "MobilityEnabled", BooleanValue(true)).
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
     * \brief Install on one node (idempotent).
     * \param node the node
     */
    void Install(Ptr<Node> node) const;

    /**
     * \brief Create a MobiSocket on a node where the helper is installed.
     * \param node the node
     * \return the socket
     */
    static Ptr<MobiSocket> CreateSocket(Ptr<Node> node);

    /**
     * \brief Draw an Ed25519 key pair from the helper's random stream, so
     *        that runs with the same RngRun get the same keys.
     * \return the key pair
     */
    Ed25519KeyPair GenerateKeyPair();

    /**
     * \brief Fix the random streams used by the helper and by the nodes'
     *        demultiplexers (token nonces).
     * \param nodes the nodes the helper was installed on
     * \param stream the first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    std::map<std::string, Ptr<AttributeValue>> m_socketAttributes; //!< socket attributes
    Ptr<UniformRandomVariable> m_keyRng;                           //!< key seed source
};

} // namespace ns3

#endif /* MOBI_SOCKET_HELPER_H */
