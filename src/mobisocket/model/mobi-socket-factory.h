/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBI_SOCKET_FACTORY_H
#define MOBI_SOCKET_FACTORY_H

#include "ns3/object-factory.h"
#include "ns3/socket-factory.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Creates MobiSockets, configured like TcpL4Protocol::CreateSocket
 *        configures plain TCP sockets (the node's RttEstimatorType,
 *        SocketType congestion control and RecoveryType).
 *
 * Aggregate one to a node (MobiSocketHelper does) and ask for it by name,
 * e.g. BulkSendHelper("ns3::MobiSocketFactory", address).
 */
class MobiSocketFactory : public SocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MobiSocketFactory();

    /**
     * \brief Set an attribute of the MobiSockets this factory creates.
     * \param name the attribute name (e.g. "MobilityEnabled")
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    Ptr<Socket> CreateSocket() override;

  private:
    ObjectFactory m_socketFactory; //!< builds the sockets
};

} // namespace ns3

#endif /* MOBI_SOCKET_FACTORY_H */
