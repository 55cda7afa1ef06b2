/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_R_SOCKET_FACTORY_H
#define TCP_R_SOCKET_FACTORY_H

#include "relocatable-socket-factory.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Creates TcpRSockets (see RelocatableSocketFactory): applications ask
 *        for "ns3::TcpRSocketFactory" and get TCP-R transparently.
 */
class TcpRSocketFactory : public RelocatableSocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpRSocketFactory();
};

} // namespace ns3

#endif /* TCP_R_SOCKET_FACTORY_H */
